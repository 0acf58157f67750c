"""A Python program declaring one CalloutTask through the tencentcloud-ccc provider plugin and its generated SDK."""
import pulumi
import pulumi_tencentcloud_ccc as ccc

config = pulumi.Config()
task = ccc.CalloutTask(
    "reminders",
    sdk_app_id=config.require_int("sdkAppId"),
    name=config.get("name") or "spring-reminders",
    description="Payment reminders",
    not_before="2028-02-28T09:00:00+08:00",
    not_after="2028-03-02T20:00:00+08:00",
    callees=["+8613012345678", "+8613112345678"],
    callers=["008602012345678"],
    ivr_id=8,
    tries=2,
    retry_interval=3600,
    time_zone="Asia/Shanghai",
    available_time=[ccc.AvailableTimeArgs(start=config.get("startHour") or "09:00", end="12:00")],
    paused=config.get_bool("paused") or False,
)
pulumi.export("taskId", task.task_id)
pulumi.export("stateName", task.state_name)
