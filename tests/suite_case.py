"""Base class of the cross-addon tests of this folder."""

from odoo.tests import HttpCase, TransactionCase


class SuiteCase(TransactionCase):
    # Odoo tags the tests of its addons from their module path; these are
    # not in an addon, so they say it themselves.
    test_tags = {"standard", "post_install"}
    test_module = "sunshine_suite"
    test_sequence = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.test_class = cls.__name__


class SuiteHttpCase(HttpCase):
    """The same, with the test HTTP server (``--odoo-http``)."""

    test_tags = {"standard", "post_install"}
    test_module = "sunshine_suite"
    test_sequence = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.test_class = cls.__name__
