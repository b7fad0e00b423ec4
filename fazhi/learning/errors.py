"""Refusals of the learning services (Chinese, naming the field and the rule)."""

from fazhi.core.errors import InvalidInput


class ImportRefused(InvalidInput):
    """An e-learning results file with bad rows; ``problems`` lists every (row, column, message). Nothing is saved."""

    def __init__(self, problems: list[tuple[int, str, str]]):
        self.problems = problems
        lines = [f"第{row}行「{column}」列：{message}" for row, column, message in problems]
        super().__init__("网络学习成绩导入失败，未导入任何记录。\n" + "\n".join(lines), field="file")
