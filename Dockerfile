# 减负助手: the compiled bot, run by node directly (no npm, no tsx), data in a volume.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and hnswlib-node compile from source when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bot ./bot
COPY prompts ./prompts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    HEALTH_PORT=8080 \
    ENV_FILE=
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY knowledge ./knowledge
# The data directory is the owner's alone; a new volume takes these permissions.
RUN mkdir -p /app/data && chown node:node /app/data && chmod 700 /app/data
USER node
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# node itself receives the signals: SIGTERM stops the bot within SHUTDOWN_SECONDS.
ENTRYPOINT ["node", "dist/bot/main.js"]
