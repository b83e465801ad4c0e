package perpwatch.feeds.velocity;

/**
 * How a document writes its level numbers. The base L2 document writes them as decimal strings; the grouped
 * WebSocket channels re-aggregate them as JSON numbers (velocity-v1 {@code payload.rs} {@code grouped_levels_json}).
 */
enum NumberForm {
    STRINGS,
    NUMBERS,
    /** The WebSocket: a subscription's first frame may be the stored base document, later ones grouped. */
    EITHER
}
