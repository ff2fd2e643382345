# Partnership Actions: the bot for Azure Container Apps (or any container host).
#   docker build -t partnership-actions .
#   docker run -p 3978:3978 --env-file bot.env partnership-actions
# The image runs azure mode only: it has no Agents Playground and no local
# Cosmos-compatible server (development dependencies). Settings: src/config.ts
# and docs/deploy-azure.md. .ci/run runs these same steps without Docker
# (scripts/check-production-install.sh).

ARG NODE_VERSION=24

# Build stage: every dependency, compile src/ into dist/.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only, installed apart so the runtime carries no dev tree.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Runtime: Node LTS, non-root, production dependencies, the built app and the files it reads.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root bin ./bin
COPY --chown=root:root scripts/ensure-built.js ./scripts/ensure-built.js
COPY --chown=root:root cards ./cards
COPY --chown=root:root manifest ./manifest
COPY --chown=root:root examples ./examples
# The app's files belong to root and are read-only to the app's user ("node", uid 1000, from the base image).
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/app/server.js"]
