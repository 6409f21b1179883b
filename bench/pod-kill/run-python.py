# Child process: runs the Python chaosgarden's pod failure simulation until SIGTERM (its own signal handler
# ends the loop). Arguments: JSON with the snake_case parameters.
import json
import sys

from chaosgarden.k8s.actions import run_pod_failure_simulation

run_pod_failure_simulation(**json.loads(sys.argv[1]), duration=-1)
