from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    DEVELOPMENT_REFORM = "fagai", _("发改局")
    INVESTMENT_PROMOTION = "zhaoshang", _("招商中心")
    STATISTICS = "tongji", _("统计局")
    BUSINESS_ENVIRONMENT = "yingshang", _("营商环境局")
    FINANCE = "caizheng", _("财政局")
    FEDERATION = "gongshanglian", _("工商联")
    JUSTICE = "sifa", _("司法局")
    DEVELOPMENT_ZONE = "kaifaqu", _("经开区管委会")
    INDUSTRY = "gongxin", _("工信局")
    SCIENCE = "keji", _("科技局")
    NATURAL_RESOURCES = "ziran", _("自然资源局")
    HOUSING = "zhujian", _("住建局")
    TRANSPORT = "jiaotong", _("交通运输局")
    AGRICULTURE = "nongye", _("农业农村局")
    CULTURE_TOURISM = "wenlv", _("文旅局")
    ENVIRONMENT = "shengtai", _("生态环境局")
    ENERGY = "nengyuan", _("能源局")
    TOWNSHIP = "xiangzhen", _("乡镇")
    OTHER = "other", _("其他")
