# Slate API image. The generated Prisma client is produced by `npm install` (prepare).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --include=dev && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY tsconfig.json ./
# PostgreSQL refuses to run as root; the image never runs the embedded database
# (DATABASE_URL is required in compose), but the API itself needs no privileges either.
USER node
EXPOSE 5000
ENV HOST=0.0.0.0 PORT=5000 SLATE_DATA_DIR=/data
CMD ["node", "bin/slate.js", "serve"]
