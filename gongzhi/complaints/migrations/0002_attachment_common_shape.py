import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """ComplaintPhoto takes the common attachment shape (gongzhi.core.attachments): its
    image type becomes ``detected_kind`` (renamed, values kept) and it records the uploader."""

    dependencies = [
        ("complaints", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="complaintphoto",
            old_name="kind",
            new_name="detected_kind",
        ),
        migrations.AlterField(
            model_name="complaintphoto",
            name="detected_kind",
            field=models.CharField(
                blank=True,
                help_text="Detected from the file's bytes (pdf, png, jpeg, gif, webp).",
                max_length=8,
                verbose_name="file type",
            ),
        ),
        migrations.AddField(
            model_name="complaintphoto",
            name="uploaded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="uploaded by",
            ),
        ),
        migrations.AlterField(
            model_name="complaintphoto",
            name="size",
            field=models.PositiveIntegerField(default=0, verbose_name="size"),
        ),
    ]
