from datetime import timedelta

from markupsafe import Markup

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstallMessages(TransactionCase):
    """Creation messages written by an install before its terms were loaded
    ("SLA Policy 创建") name the document in the language of their words."""

    def test_creation_message_of_the_install_is_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        seed = self.env["sunshine.sla.policy"].search([], limit=1)
        self.assertTrue(seed, "the seed's policies are data")
        # a record created in this transaction, as by an install, and one
        # created before it
        policy, earlier_policy = seed.copy() + seed.copy()
        model = self.env["ir.model"]._get("sunshine.sla.policy")
        self.assertEqual(model.with_context(lang="en_US").name, "SLA Policy")
        translated = model.with_context(lang="zh_CN").name
        self.assertNotEqual(translated, "SLA Policy")
        Message = self.env["mail.message"]
        values = {
            "model": policy._name,
            "res_id": policy.id,
            "message_type": "notification",
        }
        mixed, kept, other, earlier = Message.create(
            [
                dict(values, body=Markup("<p>SLA Policy 创建</p>")),
                dict(values, body=Markup("<p>SLA Policy 创建 by hand</p>")),
                dict(values, body=Markup("<p>SLA Policy created</p>")),
                dict(
                    values,
                    res_id=earlier_policy.id,
                    body=Markup("<p>SLA Policy 创建</p>"),
                ),
            ]
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sunshine_sla_policy SET create_date = %s WHERE id = %s",
            [self.env.cr.now() - timedelta(days=1), earlier_policy.id],
        )
        self.env["ir.module.module"]._sunshine_translate_creation_messages(
            ["sunshine_helpdesk"], ["en_US", "zh_CN"]
        )
        self.assertEqual(mixed.body, Markup(f"<p>{translated} 创建</p>"))
        self.assertEqual(kept.body, Markup("<p>SLA Policy 创建 by hand</p>"))
        self.assertEqual(other.body, Markup("<p>SLA Policy created</p>"), "English")
        self.assertEqual(earlier.body, Markup("<p>SLA Policy 创建</p>"), "earlier")
        # the demo and data of the suite: no mixed creation line left
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT model, body FROM mail_message
                WHERE message_type = 'notification' AND model LIKE 'sunshine.%%'
                  AND body ~ '^(<div[^>]*>)?<p>[A-Za-z][A-Za-z /]+ 创建</p>'
                  AND id != ALL(%s)""",
            [[mixed.id, kept.id, other.id, earlier.id]],
        )
        self.assertFalse(self.env.cr.fetchall())
