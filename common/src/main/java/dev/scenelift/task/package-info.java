/** The start every per-scene job shares: configuration, S3 client, events, run manifest, this array child's scenes. */
package dev.scenelift.task;
