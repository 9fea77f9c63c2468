from django.urls import path

from . import views

urlpatterns = [
    path("", views.room, name="room"),
    path("<int:pk>/delete/", views.delete, name="room_delete"),
]
