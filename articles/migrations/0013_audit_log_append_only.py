"""On PostgreSQL, the database itself refuses to change or delete audit entries.

Model code refuses too (articles/models/audit.py), but raw SQL, the base manager
and other paths around it would not. The trigger lets through only what the
application needs: clearing the actor of a deleted user (the username stays),
and deleting rows in a transaction that `manage.py archive_audit` has marked
with SET LOCAL unionnews.archiving_audit = 'on' after writing them to a file.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION articles_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.actor_id IS NULL
       AND (NEW.id, NEW.at, NEW.username, NEW.action, NEW.object_id, NEW.object_repr, NEW.ip, NEW.data)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at, OLD.username, OLD.action, OLD.object_id, OLD.object_repr, OLD.ip, OLD.data) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND current_setting('unionnews.archiving_audit', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '审计日志只能追加，不能修改或删除。' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_auditentry_append_only
    BEFORE UPDATE OR DELETE ON articles_auditentry
    FOR EACH ROW EXECUTE FUNCTION articles_auditentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS articles_auditentry_append_only ON articles_auditentry;
DROP FUNCTION IF EXISTS articles_auditentry_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_originals_in_private_storage"),
    ]

    operations = [migrations.RunPython(create, drop)]
