FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock
COPY . .
RUN DEBUG=true SECRET_KEY=build python manage.py collectstatic --noinput \
 && useradd --system --home /app iop && mkdir -p /data/media && chown -R iop /data

USER iop
ENV STATIC_ROOT=/app/var/staticfiles MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "iop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
