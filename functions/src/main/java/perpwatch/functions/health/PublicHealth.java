package perpwatch.functions.health;

/**
 * {@code GET /api/health}, the public answer: {@code ok}, {@code degraded} or {@code down}, nothing else. Which
 * stream is behind or which feed link is refused is for operators ({@code /api/internal/health}, IAM only): to
 * anyone else it is a map of what to disturb.
 */
public record PublicHealth(String status) {}
