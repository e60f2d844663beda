from django.core.management.base import BaseCommand

from articles.readership import counting


class Command(BaseCommand):
    help = "把 Redis 中暂存的阅读量写入数据库（生产环境用 cron 每几分钟运行一次）。"

    def handle(self, *args, **options):
        if counting.redis_client() is None:
            self.stdout.write("缓存不是 Redis：阅读量已直接写入数据库，无需此命令。")
            return
        moved = counting.flush()
        self.stdout.write(f"已写入 {moved} 次阅读。")
