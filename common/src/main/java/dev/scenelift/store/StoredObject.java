package dev.scenelift.store;

/**
 * One object a stage wrote, as its completion marker lists it.
 *
 * @param key the object key
 * @param size bytes
 * @param checksum {@code <algorithm>:<hex>} of the bytes as written, e.g. {@code md5:…} or {@code crc32c:…}
 */
public record StoredObject(String key, long size, String checksum) {}
