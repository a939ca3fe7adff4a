"""Starts moto's own server for gatehouse's contract tests of plan, apply and import, with shims.

Usage: python3 moto_launcher.py --port PORT

gatehouse cannot plan against plain moto 5.2.1: it reads three sso-admin operations moto lacks
(moto answers them with HTTP 500). This launcher registers them on moto's own response class, then
runs moto's server exactly as `python3 -m moto.server -H 127.0.0.1 -p PORT` does. Each shim only
reads moto's state and answers what the operation must return for that state; nothing else in moto
changes, and a shim refuses to load once moto implements the operation itself. The shims are
documented in src/sandbox/README.md ("Known differences from moto") and docs/testing.md.

The launcher prints one line `gatehouse-moto-shims: <json list>` on stderr before serving.
"""

import argparse
import json
import sys

from moto.core.exceptions import JsonRESTError
from moto.ssoadmin.exceptions import ResourceNotFoundException
from moto.ssoadmin.responses import SSOAdminResponse


def describe_instance(self):
    """sso-admin DescribeInstance: moto's instance as ListInstances shows it (moto has no encryption model)."""
    arn = self._get_param("InstanceArn")
    for instance in self.ssoadmin_backend.instances:
        if instance.instance_arn == arn:
            return json.dumps({k: v for k, v in instance.to_json().items() if v is not None})
    # DescribeInstance's model has no ResourceNotFoundException: AWS answers an unknown instance so.
    raise JsonRESTError("AccessDeniedException", f"Instance {arn} is not visible to this account")


def get_permissions_boundary_for_permission_set(self):
    """sso-admin GetPermissionsBoundaryForPermissionSet: moto stores no boundaries, so none is attached."""
    # moto's own lookup: an unknown set is its ResourceNotFoundException.
    self.ssoadmin_backend._find_permission_set(self._get_param("InstanceArn"), self._get_param("PermissionSetArn"))
    raise ResourceNotFoundException("No permissions boundary is attached to the permission set")


def list_tags_for_resource(self):
    """sso-admin ListTagsForResource: the tags moto kept from CreatePermissionSet; instances carry none."""
    arn = self._get_param("ResourceArn")
    for ps in self.ssoadmin_backend.permission_sets:
        if ps.permission_set_arn == arn:
            return json.dumps({"Tags": list(ps.tags or [])})
    for instance in self.ssoadmin_backend.instances:
        if instance.instance_arn == arn:
            return json.dumps({"Tags": []})
    raise ResourceNotFoundException(f"Could not find resource {arn}")


SHIMS = {
    "sso-admin:DescribeInstance": ("describe_instance", describe_instance),
    "sso-admin:GetPermissionsBoundaryForPermissionSet": (
        "get_permissions_boundary_for_permission_set",
        get_permissions_boundary_for_permission_set,
    ),
    "sso-admin:ListTagsForResource": ("list_tags_for_resource", list_tags_for_resource),
}


def install_shims() -> list[str]:
    for name, (method, fn) in SHIMS.items():
        if hasattr(SSOAdminResponse, method):
            raise SystemExit(f"moto now implements {name}: remove its shim from {__file__}")
        setattr(SSOAdminResponse, method, fn)
    return list(SHIMS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    print("gatehouse-moto-shims: " + json.dumps(install_shims()), file=sys.stderr, flush=True)

    from moto.server import main as moto_main

    moto_main(["-H", "127.0.0.1", "-p", str(args.port)])


if __name__ == "__main__":
    main()
