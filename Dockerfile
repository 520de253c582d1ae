# The Catalyst worker as a container, installed from the npm tarball the project builds:
#
#   npm ci && npm run package:cli        # writes dist/catalyst-<version>.tgz
#   docker build -t catalyst-worker .
#
# Only that tarball goes into the image (see .dockerignore): no source, no devDependencies,
# no registry access at install time (its dependencies are bundled).
FROM node:20-slim

COPY dist/catalyst-*.tgz /tmp/
RUN npm install --global --offline --no-audit --no-fund /tmp/catalyst-*.tgz \
 && rm /tmp/catalyst-*.tgz \
 && npm cache clean --force

# The image's unprivileged user; the worker needs no file it did not bring, except secrets
# mounted read-only (/run/secrets) and its health file.
USER node
WORKDIR /home/node

ENV NODE_ENV=production \
    CATALYST_ENGINE_URL=http://engine:8080/engine-rest \
    CATALYST_HEALTH_FILE=/tmp/catalyst-worker.health

# SIGTERM drains: running calls finish (CATALYST_SHUTDOWN_TIMEOUT, 30 s by default) and are
# reported; give the container a longer stop grace period than that.
STOPSIGNAL SIGTERM

# Healthy while the worker writes its health file (every 10 s while its engine answers, or
# has not answered for less than a minute).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const { statSync } = require('node:fs'); try { process.exit(Date.now() - statSync(process.env.CATALYST_HEALTH_FILE).mtimeMs < 30000 ? 0 : 1); } catch { process.exit(1); }"]

ENTRYPOINT ["catalyst"]
CMD ["worker"]
