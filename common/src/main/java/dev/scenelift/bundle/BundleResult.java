package dev.scenelift.bundle;

import dev.scenelift.scene.Bundle;

/**
 * What streaming one bundle found.
 *
 * @param bundle which bundle
 * @param md5 the md5 of the bundle's bytes as read (verified when the source listed one)
 * @param bytes the bundle's size as read
 * @param entries the files it held
 * @param gzip whether it was gzip-compressed
 */
public record BundleResult(Bundle bundle, String md5, long bytes, int entries, boolean gzip) {}
