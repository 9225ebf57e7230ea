# Parley app image: the built SPA plus the backend, started by the same entrypoint
# that `make run` uses (`python -m parley serve`: migrate, then uvicorn).
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY backend/pyproject.toml backend/uv.lock backend/
RUN cd backend && uv sync --frozen --no-dev --no-install-project
COPY backend/ backend/
RUN cd backend && uv sync --frozen --no-dev
COPY alembic.ini ./
COPY migrations/ migrations/
COPY --from=spa /src/frontend/dist frontend/dist
ENV PATH="/app/backend/.venv/bin:$PATH" \
    PARLEY_HOST=0.0.0.0 \
    PARLEY_PORT=8000 \
    PARLEY_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health')"
CMD ["python", "-m", "parley", "serve"]
