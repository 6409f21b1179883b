"""Runs the Python chaosgarden's AWS network steps against the endpoint in AWS_ENDPOINT_URL_EC2.

Usage: python reference_network.py '<json>' with {"op": "partition" | "rollback", "zone", "filters", "region", "mode"}.
"partition" is the body of run_network_failure_simulation without its wait and final roll-back: the
roll-back of left-overs, then block_vpc for every matching VPC. Prints {"seconds", "startNs", "endNs"} on
success: the timed part's start and end on CLOCK_MONOTONIC (the clock of Node's process.hrtime), so that the
bench can lay them beside the requests its proxy saw.
"""
import json
import sys
import time

from chaosaws import aws_client
from chaosgarden.aws import actions

args = json.loads(sys.argv[1])
zone = args["zone"]
filters = args["filters"]
mode = args.get("mode", "total")
configuration = {"aws_region": args["region"]}
secrets = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

start = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
if args["op"] == "partition":
    actions.rollback_network_failure_simulation(mode, zone, filters, configuration, secrets)
    client = aws_client(resource_name="ec2", configuration=configuration, secrets=secrets)
    for vpc in client.describe_vpcs(Filters=filters["vpcs"])["Vpcs"]:
        actions.block_vpc(client, zone, vpc["VpcId"], filters["subnets"], mode)
elif args["op"] == "rollback":
    actions.rollback_network_failure_simulation(mode, zone, filters, configuration, secrets)
else:
    raise ValueError(f"unknown op {args['op']}")
end = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
print(json.dumps({"seconds": (end - start) / 1e9, "startNs": start, "endNs": end}))
