"""A Python program declaring one AiCallTask through the alicloud-aiccs provider plugin and its generated SDK."""
import pulumi
import pulumi_alicloud_aiccs as aiccs

task = aiccs.AiCallTask(
    "ai",
    task_name="ai-reminders-py",
    agent_id="agent-1",
    virtual_number="057100000000",
    start_type="IMMEDIATE",
    call_time=[aiccs.CallTimeArgs(start="10:00", end="12:00")],
    call_days=["TUESDAY", "WEDNESDAY"],
    task_cps=2,
    callees=[{"number": "+8613800000001", "variables": {"name": "Li"}}, "+8613800000002"],
)
pulumi.export("taskId", task.task_id)
pulumi.export("statusName", task.status_name)
