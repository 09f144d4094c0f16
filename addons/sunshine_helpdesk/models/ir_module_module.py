from markupsafe import Markup

from odoo import models
from odoo.tools import SQL
from odoo.tools.translate import code_translations

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
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        self._sunshine_translate_creation_messages(modules, langs)
        return res

    def _sunshine_translate_creation_messages(self, modules, langs):
        """Name the documents in the creation messages that the install of
        ``modules`` wrote before their terms were loaded.

        An addon's data and demo are loaded before its terms: a record they
        create logs "Complaint 创建", the words of mail (loaded) around the
        name of a model of the addon (not yet). Once the terms are there,
        those messages get the translated name ("投诉 创建"). Only the
        messages of the records created in this transaction (the install of
        a module is one): an update of a database with years of tickets
        reads none of theirs.
        """
        models_data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "in", list(modules)), ("model", "=", "ir.model")])
        )
        ir_models = self.env["ir.model"].sudo().browse(models_data.mapped("res_id"))
        english = {
            model.id: model.with_context(lang="en_US").name for model in ir_models
        }
        for lang in langs:
            if lang == "en_US":
                continue
            created = code_translations.get_python_translations("mail", lang).get(
                "%s created", "%s created"
            )
            for model in ir_models.with_context(lang=lang):
                name = model.name
                if name == english[model.id] or model.model not in self.env:
                    continue
                Model = self.env[model.model]
                if Model._abstract or not Model._auto:
                    continue
                old, new = (
                    Markup("<p>%s</p>") % (created % doc)
                    for doc in (english[model.id], name)
                )
                notification = Markup('<div summary="o_mail_notification">%s</div>')
                self.env.cr.execute(
                    SQL(
                        """
                        UPDATE mail_message
                           SET body = CASE body WHEN %(old)s THEN %(new)s
                                      ELSE %(new_notification)s END
                         WHERE model = %(model)s
                           AND res_id IN (SELECT id FROM %(table)s
                                           WHERE create_date = %(now)s)
                           AND message_type = 'notification'
                           AND body IN (%(old)s, %(old_notification)s)
                        """,
                        old=str(old),
                        new=str(new),
                        old_notification=str(notification % old),
                        new_notification=str(notification % new),
                        model=model.model,
                        table=SQL.identifier(Model._table),
                        now=self.env.cr.now(),
                    )
                )
        self.env["mail.message"].invalidate_model(["body"])
