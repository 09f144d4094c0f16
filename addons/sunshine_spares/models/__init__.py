from . import sunshine_warranty_term
from . import sunshine_warranty_fee
from . import stock_lot
from . import helpdesk_ticket
from . import helpdesk_ticket_team
from . import stock_warehouse
from . import sunshine_spare_part_list
from . import sunshine_spare_part_list_line
