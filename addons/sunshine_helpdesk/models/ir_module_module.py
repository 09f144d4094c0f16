from odoo import models

MODULE = "sunshine_helpdesk"


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        """Load this addon's terms again with every addon that depends on it.

        The selections of the SLA mixin's fields on a model of another addon
        (``sunshine_helpdesk.selection__repair_order__sla_status__met``) are
        named after this addon, so their terms are in its files, which Odoo
        loads only with this addon, before that model exists. Loading them
        again (without overwriting) translates them from the first install.
        """
        modules = list(modules)
        if MODULE not in modules:
            dependents = self.search([("name", "in", modules)])
            upstream = dependents.upstream_dependencies(
                exclude_states=("uninstallable", "to remove")
            )
            if MODULE in upstream.mapped("name"):
                modules.append(MODULE)
        return super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
