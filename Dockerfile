# One image runs any service: `crimefeed run producers|enrichment|search`, `crimefeed infra apply`.
# Stage 1 builds crimefeed's wheel and installs it with its dependencies into a virtualenv
# (build tools and pip's cache stay in this stage); stage 2 copies only that virtualenv into a
# slim Python and runs it as an unprivileged user.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY shared ./shared
COPY services ./services
COPY infra ./infra
RUN python -m venv /opt/crimefeed \
    && pip wheel --no-cache-dir --no-deps --wheel-dir /wheels . \
    && /opt/crimefeed/bin/pip install --no-cache-dir /wheels/crimefeed-*.whl

FROM python:3.11-slim AS runtime
ENV PATH=/opt/crimefeed/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CRIMEFEED_DATA_DIR=/home/crimefeed/data
COPY --from=build /opt/crimefeed /opt/crimefeed
RUN useradd --create-home --uid 10001 crimefeed \
    && mkdir -p /home/crimefeed/data \
    && chown crimefeed:crimefeed /home/crimefeed/data
USER crimefeed
WORKDIR /home/crimefeed
# The data directory is a volume shared by the crimefeed containers of one host (docker-compose.yml).
VOLUME ["/home/crimefeed/data"]
EXPOSE 8000 8001 9101
ENTRYPOINT ["crimefeed"]
CMD ["run", "producers"]
