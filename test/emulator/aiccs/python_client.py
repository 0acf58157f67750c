# Alibaba's Python product client for AICCS 2019-10-15 (alibabacloud-aiccs20191015), unpatched, against
# the emulator: a call-task lifecycle and two refusals. Prints one JSON object of what it saw.
# Usage: python python_client.py ENDPOINT ACCESS_KEY_ID ACCESS_KEY_SECRET
import json
import sys

from alibabacloud_aiccs20191015 import models
from alibabacloud_aiccs20191015.client import Client
from alibabacloud_tea_openapi import utils_models

endpoint, key_id, secret = sys.argv[1:4]


def client(secret_key):
    return Client(utils_models.Config(access_key_id=key_id, access_key_secret=secret_key, endpoint=endpoint, protocol="HTTP"))


aiccs = client(secret)
seen = {}

created = aiccs.create_ai_call_task(
    models.CreateAiCallTaskRequest(
        task_name="from python",
        agent_id="agent-py",
        virtual_number="057100000001",
        start_type="IMMEDIATE",
        call_time=[json.dumps({"startTime": "09:00:00", "endTime": "12:00:00"})],
        call_day=["TUESDAY", "WEDNESDAY"],
        miss_call_retry=True,
        call_retry_reason=["NO_ANSWER"],
        call_retry_times=2,
        call_retry_interval=15,
        task_cps=3,
    )
)
# Python's json keeps integers exactly: the 64-bit id as the service wrote it.
task_id = created.body.data
seen["created"] = {"code": created.body.code, "success": created.body.success, "taskId": str(task_id), "isInt": isinstance(task_id, int)}

imported = aiccs.import_task_number_datas(
    models.ImportTaskNumberDatasRequest(task_id=str(task_id), data_type="JSON", phone_number_list=[{"calleeNumber": "13900000001", "outId": "py-1", "name": "Wang"}])
)
seen["batchId"] = str(imported.body.data)

detail = aiccs.query_ai_call_task_detail(models.QueryAiCallTaskDetailRequest(task_id=str(task_id))).body.data
seen["detail"] = {
    "taskId": detail.task_id,
    "callTimes": [[t.start_time, t.end_time] for t in detail.call_times],
    "callDays": detail.call_days,
    "retryCount": detail.retry_count,
    "retryInterval": detail.retry_interval,
    "concurrentCount": detail.concurrent_count,
}

records = aiccs.query_ai_call_detail_page(models.QueryAiCallDetailPageRequest(task_id=str(task_id), status=0, page_no=1, page_size=10)).body.data
seen["records"] = [[r.detail_id, r.batch_id, r.called_number, r.out_id, r.status] for r in records.list]

aiccs.stop_ai_call_task(models.StopAiCallTaskRequest(task_id=str(task_id)))
page = aiccs.query_ai_call_task_page(models.QueryAiCallTaskPageRequest(page_no=1, page_size=10, task_name="python")).body.data
seen["listed"] = [[t.task_id, t.status] for t in page.list]

refused = aiccs.update_ai_call_task(models.UpdateAiCallTaskRequest(task_id=str(task_id), call_retry_interval=121))
seen["refusedUpdate"] = {"success": refused.body.success, "code": refused.body.code}

try:
    client("wrong-secret").query_ai_call_task_page(models.QueryAiCallTaskPageRequest(page_no=1, page_size=10))
    seen["wrongSecret"] = "accepted"
except Exception as e:  # the SDK's ClientError
    seen["wrongSecret"] = {"type": type(e).__name__, "code": getattr(e, "code", None), "status": getattr(e, "status_code", None)}

print(json.dumps(seen))
