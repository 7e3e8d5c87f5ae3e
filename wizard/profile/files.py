"""Where the profile lives, reading it with a message naming the field, and writing it atomically.

The default is `config_dir()/profile.toml`; `--profile FILE` or `ROUEI_PROFILE` point elsewhere, so a
firm can copy one file to the responder laptop.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import ValidationError

from wizard.errors import RoueiError
from wizard.i18n import t
from wizard.paths import config_dir
from wizard.profile.model import PARTNERS, ROLES, SECTORS, Profile


def profile_path(option: Path | None = None) -> Path:
    """`--profile FILE`, else `ROUEI_PROFILE`, else `profile.toml` in the config folder."""
    if option is not None:
        return Path(option).expanduser()
    env = os.environ.get("ROUEI_PROFILE", "").strip()
    return Path(env).expanduser() if env else config_dir() / "profile.toml"


def parse(raw: dict, path: Path) -> Profile:
    """A profile from parsed TOML; the first problem becomes a message naming the field."""
    try:
        return Profile.model_validate(raw)
    except ValidationError as exc:
        problems = [_problem(err) for err in exc.errors()]
        raise RoueiError("profile.error.invalid", path=str(path), problems="\n".join(problems)) from None


def _problem(err: dict) -> str:
    field = ".".join(str(p) for p in err["loc"]) or "-"
    kind = err["type"]
    allowed = {"sectors": SECTORS, "roles": ROLES, "kind": PARTNERS}
    name = next((k for k in allowed if f".{k}" in f".{field}"), None)
    if kind == "literal_error" and name is not None:
        text = t("profile.error.one_of", value=err.get("input"), allowed=", ".join(allowed[name]))
    elif kind == "string_pattern_mismatch":
        text = t("profile.error.phone", value=err.get("input"))
    elif kind == "value_error":
        text = t(f"profile.error.{str(err['ctx']['error'])}")
    elif kind in ("missing", "extra_forbidden", "string_too_short", "too_short", "bool_type", "int_type",
                  "int_parsing", "greater_than_equal", "less_than_equal", "string_type", "date_type",
                  "model_type", "tuple_type"):
        text = t(f"profile.error.{kind}", field=field, **(err.get("ctx") or {}))  # always formatted
    else:
        text = err["msg"]
    return t("profile.error.line", field=field, problem=text)


def load(path: Path) -> Profile:
    """Read and validate a profile file."""
    try:
        raw = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise RoueiError("profile.error.no_file", path=str(path)) from None
    except IsADirectoryError:
        raise RoueiError("file.is_directory", path=str(path)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RoueiError("profile.error.toml", path=str(path), detail=str(exc)) from None
    except OSError as exc:
        raise RoueiError("profile.error.read", path=str(path), detail=exc.strerror or str(exc)) from None
    return parse(raw, path)


def load_if_present(path: Path) -> Profile | None:
    """The profile at `path`, or None when there is none yet (a broken one is still an error)."""
    return load(path) if path.is_file() else None


def to_toml(profile: Profile) -> str:
    import tomli_w

    data = profile.model_dump(mode="json", exclude_defaults=True)
    if profile.updated is not None:
        data["updated"] = profile.updated
    return tomli_w.dumps(data)


def save(profile: Profile, path: Path) -> None:
    """Write the profile atomically, readable by its owner only where the OS allows."""
    from wizard.atomic import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, to_toml(profile).encode("utf-8"))
