"""Who is calling: an API key (Bearer) or a partner id and key (HTTP Basic) -> a ``Viewer``.

The partner registry is read on every request, so ``crimefeed partners add|revoke`` apply to a
running service at once. The REST API and the TAXII server share this: ``resolve_viewer`` is
the plain function, ``viewer_dependency`` the FastAPI dependency; both raise ``AuthError``,
which ``install_auth_errors`` turns into a 401 with both challenges.
"""

# No `from __future__ import annotations`: FastAPI reads the dependency's annotations at run time.

import base64
import binascii
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer

from shared.access import Viewer
from shared.partners import Partner, PartnerRegistry
from shared.stix.ids import pseudonymize

REALM = "crimefeed"
CHALLENGE = f'Bearer realm="{REALM}", Basic realm="{REALM}"'
# The audit log reads the caller from here (request.state), whatever router served the request.
VIEWER_STATE = "viewer"


class AuthError(Exception):
    """No credentials, or credentials that name no active partner (HTTP 401)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def viewer_of(partner: Partner, pseudonym_key: bytes) -> Viewer:
    return Viewer(
        partner_id=partner.partner_id,
        max_tlp=partner.max_tlp,
        owner_id=pseudonymize(partner.partner_id, pseudonym_key).identity_id,
        is_admin=partner.is_admin,
        groups=partner.groups,
    )


def _basic_credentials(token: str) -> tuple[str, str]:
    try:
        decoded = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise AuthError("malformed Basic credentials: expected base64 of '<partner id>:<key>'") from error
    partner_id, separator, key = decoded.partition(":")
    if not separator or not partner_id or not key:
        raise AuthError("malformed Basic credentials: expected '<partner id>:<key>'")
    return partner_id, key


def resolve_viewer(authorization: str | None, registry: PartnerRegistry, pseudonym_key: bytes) -> Viewer:
    """The viewer an ``Authorization`` header value stands for; AuthError if none."""
    if not authorization or not authorization.strip():
        raise AuthError("missing credentials: send 'Authorization: Bearer <key>' or HTTP Basic")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if not token:
        raise AuthError(f"empty {scheme} credentials")
    if scheme.lower() == "bearer":
        partner = registry.authenticate(token)
    elif scheme.lower() == "basic":
        partner_id, key = _basic_credentials(token)
        partner = registry.authenticate(key)
        # A valid key presented under another partner's name is refused like a wrong key.
        if partner is not None and partner.partner_id != partner_id:
            partner = None
    else:
        raise AuthError(f"unsupported authorization scheme {scheme!r}: use Bearer or Basic")
    if partner is None:
        raise AuthError("unknown or revoked credentials")
    return viewer_of(partner, pseudonym_key)


def viewer_dependency(registry: PartnerRegistry, pseudonym_key: bytes) -> Callable[..., Viewer]:
    """A FastAPI dependency giving the caller's Viewer (and leaving it on request.state)."""

    # Declared for OpenAPI (/docs shows both schemes); the header itself is parsed here, so a
    # malformed one gets a 401 that says what is wrong.
    bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
    basic = HTTPBasic(auto_error=False, description="partner id and API key", realm=REALM)

    def authenticated_viewer(
        request: Request,
        _bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        _basic: Annotated[HTTPBasicCredentials | None, Depends(basic)],
    ) -> Viewer:
        viewer = resolve_viewer(request.headers.get("authorization"), registry, pseudonym_key)
        setattr(request.state, VIEWER_STATE, viewer)
        return viewer

    return authenticated_viewer


def unauthorized(message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=401, headers={"WWW-Authenticate": CHALLENGE})


def install_auth_errors(app: FastAPI) -> None:
    """Answer AuthError with 401 and both challenges (Bearer and Basic)."""

    async def handle(_: Request, error: Exception) -> JSONResponse:
        return unauthorized(error.message if isinstance(error, AuthError) else "unauthorized")

    app.add_exception_handler(AuthError, handle)
