from django.urls import URLPattern, URLResolver

app_name = "mediation"
urlpatterns: list[URLPattern | URLResolver] = []
