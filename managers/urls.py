from django.contrib.auth import views as auth_views
from django.urls import path

from . import grade_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("managers/", views.manager_list, name="manager-list"),
    path("managers/me/", views.my_profile, name="my-profile"),
    path("managers/<int:pk>/", views.manager_detail, name="manager-detail"),
    path("org-units/", views.orgunit_list, name="orgunit-list"),
    path("grades/roster/", grade_views.roster, name="roster"),
    path(
        "grades/roster/download.xlsx",
        grade_views.roster_download,
        {"file_format": "xlsx"},
        name="roster-xlsx",
    ),
    path(
        "grades/roster/download.csv",
        grade_views.roster_download,
        {"file_format": "csv"},
        name="roster-csv",
    ),
    path("grades/changes/", grade_views.change_list, name="grade-change-list"),
    path("grades/changes/<int:pk>/", grade_views.change_detail, name="grade-change-detail"),
    path("grades/propose/<int:manager_pk>/", grade_views.propose, name="grade-change-propose"),
    path("grades/trainees/", grade_views.trainees, name="trainees"),
]
