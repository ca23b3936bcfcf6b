"""The column factories and the scope shorthand give exactly what the models spelled out
before (same deconstruction, so no migration), and a scoped model inherits its manager."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints.models import Complaint, ComplaintPhoto
from gongzhi.contracts.models import ServiceContract
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedManager


def _options(field: models.Field) -> dict[str, object]:  # type: ignore[type-arg]
    """What a migration records of a field (its deconstructed keyword arguments)."""
    return field.deconstruct()[3]


USER = settings.AUTH_USER_MODEL.lower()  # deconstruct() names models in lower case
SET_NULL, PROTECT, CASCADE = models.SET_NULL, models.PROTECT, models.CASCADE


def test_user_column_is_a_nullable_set_null_user_reference():
    by = _("by")
    assert _options(user_column(by)) == {
        "to": USER,
        "verbose_name": by,
        "null": True,
        "blank": True,
        "on_delete": SET_NULL,
        "related_name": "+",
    }
    assert _options(user_column(related_name="complaints", blank=False)) == {
        "to": USER,
        "null": True,
        "on_delete": SET_NULL,
        "related_name": "complaints",
    }


def test_references_keep_on_delete_and_related_name():
    project = _("project")
    assert _options(optional_foreign_key("registry.Project", project)) == {
        "to": "registry.project",
        "verbose_name": project,
        "null": True,
        "blank": True,
        "on_delete": PROTECT,
        "related_name": "+",
    }
    assert _options(optional_foreign_key("registry.Owner", on_delete=SET_NULL, blank=False)) == {
        "to": "registry.owner",
        "null": True,
        "on_delete": SET_NULL,
        "related_name": "+",
    }
    assert _options(foreign_key("registry.Project", project, related_name=None)) == {
        "to": "registry.project",
        "verbose_name": project,
        "on_delete": PROTECT,
    }
    assert _options(foreign_key("registry.Bill", on_delete=CASCADE, related_name="x")) == {
        "to": "registry.bill",
        "on_delete": CASCADE,
        "related_name": "x",
    }


def test_node_path_column():
    assert _options(node_path_column()) == {
        "max_length": 255,
        "db_index": True,
        "editable": False,
    }
    assert _options(node_path_column(index=False)) == {"max_length": 255, "editable": False}


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
