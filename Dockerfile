# One image runs any service: `crimefeed run producers|enrichment|search`.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY shared ./shared
COPY services ./services
COPY infra ./infra
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 crimefeed
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER crimefeed
WORKDIR /home/crimefeed
ENV CRIMEFEED_DATA_DIR=/home/crimefeed/data
ENTRYPOINT ["crimefeed"]
CMD ["run", "producers"]
