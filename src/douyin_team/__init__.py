"""douyin-team: plan, check, staff and draw Douyin e-commerce teams (抖音电商团队架构)."""

__version__ = "0.1.0"
