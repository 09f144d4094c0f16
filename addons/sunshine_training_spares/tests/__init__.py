from . import test_customer_training
