package perpwatch.feeds.subscription;

/**
 * A venue's "no" to our subscription, in the venue's own words.
 *
 * @param code    the venue's error code ({@code 60018} on OKX, {@code 2} on Binance); empty when the venue sends
 *                none (Bybit answers {@code success:false} with a message only)
 * @param message the venue's message, as sent
 */
public record Refusal(String code, String message) {
    public Refusal {
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return (code.isEmpty() ? "no code" : "code " + code) + ": " + message;
    }
}
