from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("speech/", include("speech.urls")),
    path("room/", include("room.urls")),
    path("admin/", admin.site.urls),
]
