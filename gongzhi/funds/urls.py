from django.urls import URLPattern, URLResolver

app_name = "funds"
urlpatterns: list[URLPattern | URLResolver] = []
