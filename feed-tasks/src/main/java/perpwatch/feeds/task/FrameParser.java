package perpwatch.feeds.task;

import perpwatch.feeds.parse.MalformedFrameException;

/** A venue's reader of one text frame into its parsed frame. */
@FunctionalInterface
public interface FrameParser<F> {
    F parse(String text, long recvMs) throws MalformedFrameException;
}
