/**
 * The pattern service's mining core: plain Java, no Camel. One time-ordered pass over the event window feeds
 * every detector ({@link io.hestia.pattern.mining.EventSink}); detectors keep compact primitive state (no
 * per-event objects), then report {@link io.hestia.pattern.mining.MinedPattern},
 * {@link io.hestia.pattern.mining.MinedAnomaly} and {@link io.hestia.pattern.mining.MinedSynergy} rows with
 * stable ids, a one-sentence explanation and sample times.
 */
package io.hestia.pattern.mining;
