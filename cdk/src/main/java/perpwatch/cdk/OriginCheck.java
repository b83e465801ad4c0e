package perpwatch.cdk;

/**
 * The dashboard API's authorizer, inline Node.js (the runtime ships the AWS SDK v3): the origin header must equal
 * the origin secret's current or previous version (so CloudFront's value stays good while a new one is being
 * deployed), compared in constant time. Both are re-read at most every minute.
 */
final class OriginCheck {
    static final String SOURCE = """
            const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
            const { timingSafeEqual } = require('node:crypto');
            const manager = new SecretsManagerClient({});
            let accepted = [];
            let readAt = 0;
            async function version(stage) {
              try {
                const id = process.env.ORIGIN_SECRET_ARN;
                const read = new GetSecretValueCommand({ SecretId: id, VersionStage: stage });
                return Buffer.from((await manager.send(read)).SecretString);
              } catch (e) {
                if (stage === 'AWSPREVIOUS' && e.name === 'ResourceNotFoundException') return null;
                throw e;
              }
            }
            async function secrets() {
              if (accepted.length === 0 || Date.now() - readAt > 60000) {
                const both = await Promise.all([version('AWSCURRENT'), version('AWSPREVIOUS')]);
                accepted = both.filter((v) => v !== null);
                readAt = Date.now();
              }
              return accepted;
            }
            exports.handler = async (event) => {
              const given = Buffer.from((event.headers || {})[process.env.ORIGIN_HEADER] || '');
              const ok = (await secrets()).some((want) => given.length === want.length && timingSafeEqual(given, want));
              return { isAuthorized: ok };
            };
            """;

    private OriginCheck() {}
}
