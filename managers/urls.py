from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("managers/", views.manager_list, name="manager-list"),
    path("managers/me/", views.my_profile, name="my-profile"),
    path("managers/<int:pk>/", views.manager_detail, name="manager-detail"),
    path("org-units/", views.orgunit_list, name="orgunit-list"),
]
