"""Shared pytest settings."""


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds a virtual environment from this checkout (about a minute); "
                                       "deselect with -m 'not slow'")
