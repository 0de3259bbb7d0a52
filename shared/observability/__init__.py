"""Operations support every service shares: Prometheus metrics, JSON logs, trace ids, health."""
