from django.urls import URLPattern, URLResolver

app_name = "holidays"
urlpatterns: list[URLPattern | URLResolver] = []
