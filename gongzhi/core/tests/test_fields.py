"""The column factories and the scope shorthand give exactly what the models spelled out
before (same deconstruction, so no migration), and a scoped model inherits its manager."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints.models import Complaint, ComplaintPhoto
from gongzhi.contracts.models import ServiceContract
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedManager


def _same(made: models.Field, spelled: models.Field) -> None:  # type: ignore[type-arg]
    assert made.deconstruct()[1:] == spelled.deconstruct()[1:]


def test_user_column_is_a_nullable_set_null_user_reference():
    _same(
        user_column(_("by")),
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            verbose_name=_("by"),
            null=True,
            blank=True,
            on_delete=models.SET_NULL,
            related_name="+",
        ),
    )
    _same(
        user_column(related_name="complaints", blank=False),
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            null=True,
            on_delete=models.SET_NULL,
            related_name="complaints",
        ),
    )


def test_references_keep_on_delete_and_related_name():
    _same(
        optional_foreign_key("registry.Project", _("project")),
        models.ForeignKey(
            "registry.Project",
            verbose_name=_("project"),
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name="+",
        ),
    )
    _same(
        optional_foreign_key("registry.Owner", on_delete=models.SET_NULL, blank=False),
        models.ForeignKey("registry.Owner", null=True, on_delete=models.SET_NULL, related_name="+"),
    )
    _same(
        foreign_key("registry.Project", _("project"), related_name=None),
        models.ForeignKey("registry.Project", verbose_name=_("project"), on_delete=models.PROTECT),
    )
    _same(
        foreign_key("jurisdictions.Jurisdiction", on_delete=models.CASCADE, related_name="x"),
        models.ForeignKey("jurisdictions.Jurisdiction", on_delete=models.CASCADE, related_name="x"),
    )


def test_node_path_column():
    _same(
        node_path_column(),
        models.CharField(max_length=255, db_index=True, editable=False),
    )
    _same(node_path_column(index=False), models.CharField(max_length=255, editable=False))


def test_scope_columns_reads_the_usual_columns_at_a_prefix():
    owner = "owner__user_id"
    assert Scope.columns("contract__", owner=owner) == Scope(
        node="contract__node_path",
        company="contract__company_id",
        project="contract__project_id",
        owner=owner,
    )
    assert ServiceContract.scope.project == "project_id"


def test_scoped_models_and_attachments_inherit_the_scoped_manager():
    assert isinstance(Complaint.objects, ScopedManager)
    assert isinstance(ComplaintPhoto.objects, ScopedManager)
    assert Complaint._meta.default_manager is Complaint.objects
