"""The query workers' walls: no network connections, bounded memory, whatever a query says.

The guard (``webapp/guard.py``) refuses ``SERVICE`` before a query runs; this is the second wall,
in case a query ever gets past it.  A seccomp filter makes ``socket()`` fail with EACCES for every
address family but AF_UNIX (the pipe to the web app is already open; Python may need local
sockets), and refuses io_uring, which could open sockets without the ``socket`` system call.
It is installed with ``no_new_privs``, needs no privilege, and holds for every thread of the process.
"""
from __future__ import annotations

import ctypes
import errno
import logging
import platform
import resource
import socket
import struct

log = logging.getLogger("plangraph.worker")

# machine: (AUDIT_ARCH_* value, socket syscall number, seccomp syscall number)
_ARCHITECTURES = {"x86_64": (0xC000003E, 41, 317), "aarch64": (0xC00000B7, 198, 277)}
_IO_URING_SETUP = 425  # the same number on both
_X32_BIT = 0x40000000  # x86_64's x32 ABI: other numbers for the same calls, so refused whole
_LD_ABS_W, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06  # classic BPF opcodes
_ALLOW, _DENY = 0x7FFF0000, 0x00050000 | errno.EACCES  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO
_NR, _ARCH, _ARG0 = 0, 4, 16  # offsets in struct seccomp_data
_PR_SET_NO_NEW_PRIVS, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC = 38, 1, 1


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _op(code: int, k: int, jump_true: int = 0, jump_false: int = 0) -> bytes:
    return struct.pack("HBBI", code, jump_true, jump_false, k)


def filter_program(arch: int, socket_call: int) -> bytes:
    """Deny foreign ABIs, io_uring and non-local sockets; allow everything else."""
    return b"".join([
        _op(_LD_ABS_W, _ARCH), _op(_JEQ, arch, 1, 0), _op(_RET, _DENY),
        _op(_LD_ABS_W, _NR), _op(_JGE, _X32_BIT, 0, 1), _op(_RET, _DENY),
        _op(_JEQ, _IO_URING_SETUP, 0, 1), _op(_RET, _DENY),
        _op(_JEQ, socket_call, 1, 0), _op(_RET, _ALLOW),
        _op(_LD_ABS_W, _ARG0), _op(_JEQ, socket.AF_UNIX, 0, 1), _op(_RET, _ALLOW),
        _op(_RET, _DENY),
    ])


def forbid_network() -> bool:
    """Install the filter in this process; False (and a warning in the log) where it cannot be."""
    machine = platform.machine()
    if machine not in _ARCHITECTURES:
        log.warning("query workers can open network connections: no seccomp filter for %s", machine)
        return False
    arch, socket_call, seccomp_call = _ARCHITECTURES[machine]
    code = filter_program(arch, socket_call)
    buffer = ctypes.create_string_buffer(code, len(code))
    program = _Program(len(code) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    if (libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or
            libc.syscall(seccomp_call, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC,
                         ctypes.byref(program)) != 0):
        log.warning("query workers can open network connections: seccomp refused (%s)",
                    errno.errorcode.get(ctypes.get_errno(), ctypes.get_errno()))
        return False
    return True


def limit_memory(megabytes: int) -> None:
    """An OS-enforced ceiling on the heap: past it, allocations fail and the worker stops."""
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
