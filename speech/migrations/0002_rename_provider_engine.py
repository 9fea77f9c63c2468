from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("speech", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="transcript", old_name="provider", new_name="engine"),
    ]
