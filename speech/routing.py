from django.urls import path

from .consumers import StreamsConsumer

websocket_urlpatterns = [
    path("ws/", StreamsConsumer.as_asgi()),
]
