import re

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

READABLE = re.compile(r"[-a-zA-Z0-9_]+")


def readable_slugs(apps, schema_editor):
    """Give each event with a Chinese slug a dated one (2025-06-12-huzhou-competition) and
    keep the old slug, so its old address redirects. A copy of Event.dated_slug() as it was."""
    Event = apps.get_model("events", "Event")
    OldEventSlug = apps.get_model("events", "OldEventSlug")
    taken = set(Event.objects.values_list("slug", flat=True))
    for event in Event.objects.order_by("pk"):
        if READABLE.fullmatch(event.slug):
            continue
        organiser = event.event_unions.filter(role="organiser").select_related("union").order_by("pk").first()
        parts = (f"{timezone.localtime(event.starts_at):%Y-%m-%d}", organiser.union.slug if organiser else "", event.kind)
        base = "-".join(part for part in parts if part)[:96]
        slug = next(s for s in (base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))) if s not in taken)
        OldEventSlug.objects.create(slug=event.slug, event=event)
        taken.add(slug)
        Event.objects.filter(pk=event.pk).update(slug=slug)


def chinese_slugs_back(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    OldEventSlug = apps.get_model("events", "OldEventSlug")
    for old in OldEventSlug.objects.order_by("-pk"):
        Event.objects.filter(pk=old.event_id).update(slug=old.slug)


class Migration(migrations.Migration):
    """Readable event addresses: slugs of letters and digits, made from the date when left
    blank; old addresses (Chinese slugs) kept for permanent redirects."""

    dependencies = [
        ('events', '0002_status_is_a_choice'),
    ]

    operations = [
        migrations.AlterField(
            model_name='event',
            name='slug',
            field=models.SlugField(blank=True, error_messages={'unique': '已有活动使用这个网址标识，请换一个。'}, help_text='网址中使用的拼音、英文或数字，例如 huzhou-gongba-2024。留空则按开始日期、主办单位和类型自动生成，如 2024-06-12-huzhou-competition；以后修改标题不会改变它，改动它时旧网址自动跳转到新网址。', max_length=100, unique=True, verbose_name='网址标识'),
        ),
        migrations.CreateModel(
            name='OldEventSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(allow_unicode=True, max_length=100, unique=True, verbose_name='旧网址标识')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='old_slugs', to='events.event')),
            ],
            options={
                'verbose_name': '活动旧网址',
                'verbose_name_plural': '活动旧网址',
            },
        ),
        migrations.RunPython(readable_slugs, chinese_slugs_back),
    ]
