"""The service catalogue becomes product data in 18.0.1.2.0.

A database installed without demo data has no catalogue of ours; its
service manager may have typed some of the seed's service types by hand.
Such a type (same code, same company) becomes the shipped one, so that the
update neither fails on the unique code nor adds a second type: the data
file is ``noupdate`` and leaves an existing record as the manager set it.
"""

SEED_CODES = {
    "service_type_phone_consult": "PHONE_CONSULT",
    "service_type_phone_support": "PHONE_SUPPORT",
    "service_type_remote_support": "REMOTE_SUPPORT",
    "service_type_onsite_support": "ONSITE_SUPPORT",
    "service_type_hw_repair": "HW_REPAIR",
    "service_type_hw_replace": "HW_REPLACE",
    "service_type_spare_sale": "SPARE_SALE",
    "service_type_sw_patch": "SW_PATCH",
    "service_type_sw_upgrade": "SW_UPGRADE",
    "service_type_callback": "CALLBACK",
    "service_type_complaint": "COMPLAINT",
    "service_type_quality_eval": "QUALITY_EVAL",
    "service_type_inspection": "INSPECTION",
    "service_type_onsite_training": "ONSITE_TRAINING",
    "service_type_regional_rep": "REGIONAL_REP",
}


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
        SELECT 'sunshine_helpdesk', seed.name, 'sunshine.service.type', st.id, TRUE
          FROM unnest(%s::varchar[], %s::varchar[]) AS seed(name, code)
          JOIN sunshine_service_type st ON st.code = seed.code
          JOIN ir_model_data company
            ON company.module = 'base' AND company.name = 'main_company'
           AND company.res_id = st.company_id
         WHERE NOT EXISTS (
                SELECT 1 FROM ir_model_data imd
                 WHERE imd.module = 'sunshine_helpdesk' AND imd.name = seed.name
               )
        """,
        (list(SEED_CODES), list(SEED_CODES.values())),
    )
