# stock.lot and helpdesk.ticket are extended in one file per concern (house
# style, as Odoo splits account.move): pylint-odoo's
# consider-merging-classes-inherited is disabled on those classes.
from . import res_company
from . import res_config_settings
from . import sunshine_fault_code
from . import sunshine_warranty_term
from . import sunshine_warranty_fee
from . import sunshine_warranty_charge_mixin
from . import sunshine_centre_stock_mixin
from . import stock_lot_warranty
from . import stock_lot_installed_base
from . import stock_lot_centre
from . import stock_lot_price_lock
from . import stock_lot_return
from . import stock_lot_reminder
from . import helpdesk_ticket_warranty
from . import helpdesk_ticket_parts
from . import helpdesk_ticket_repair
from . import helpdesk_ticket_replacement
from . import helpdesk_ticket_flow
from . import helpdesk_ticket_team
from . import stock_warehouse
from . import stock_location
from . import res_users
from . import product_product
from . import sunshine_spare_part_list
from . import sunshine_spare_part_list_line
from . import sunshine_ticket_part
from . import stock_picking
from . import stock_move
from . import stock_move_line
from . import repair_order
from . import sunshine_lot_config_change
from . import sunshine_lot_part_price
from . import sunshine_service_type
from . import sale_order
from . import sale_order_line
