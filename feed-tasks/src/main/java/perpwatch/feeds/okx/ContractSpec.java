package perpwatch.feeds.okx;

import java.math.BigDecimal;

/**
 * How much base asset one OKX swap contract is. SOL-USDT-SWAP and SOL-USDC-SWAP are 1 SOL today, but OKX has
 * changed contract values before, so the value is read from the instruments endpoint, never assumed.
 */
public record ContractSpec(String instId, BigDecimal ctVal, BigDecimal ctMult) {
    public BigDecimal toBase(BigDecimal contracts) {
        return contracts.multiply(ctVal).multiply(ctMult);
    }
}
