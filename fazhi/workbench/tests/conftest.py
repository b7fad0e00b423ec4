from fazhi.org.tests.conftest import org  # noqa: F401  (the shared 西青区 / 辛口镇 / 张家窝镇 fixture)
